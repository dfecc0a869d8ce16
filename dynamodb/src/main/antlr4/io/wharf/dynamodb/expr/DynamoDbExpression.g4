/*
 * DynamoDB's expression language: condition/filter, key condition, update and projection expressions, as AWS
 * documents them ("Condition and filter expressions, operators, and functions", "Update expressions", "Projection
 * expressions", "Key condition expressions"). The grammar only gives the shape; which functions exist, their arity and
 * operand types, reserved words, placeholders and path overlaps are checked on the tree (ExpressionTrees,
 * ExpressionChecks) so the errors carry AWS's texts and AWS's order.
 *
 * Precedence, tightest first: comparisons, BETWEEN, IN, functions; parentheses; NOT; AND; OR.
 */
grammar DynamoDbExpression;

// ---- entry points ----
conditionExpression : condition EOF ;
updateExpression    : updateClause+ EOF ;
projectionExpression: projectionPath (',' projectionPath)* EOF ;

// ---- conditions ----
condition
    : left=operand comparator right=operand                      # Compare
    | subject=operand BETWEEN low=operand AND high=operand       # Between
    | subject=operand IN '(' operand (',' operand)* ')'          # In
    | function                                                   # FunctionCondition
    | '(' condition ')'                                          # ParenCondition
    | NOT condition                                              # Not
    | condition AND condition                                    # And
    | condition OR condition                                     # Or
    ;

comparator : '=' | '<>' | '<' | '<=' | '>' | '>=' ;

operand
    : function                                                   # FunctionOperand
    | path                                                       # PathOperand
    | VALUE                                                      # ValueOperand
    | '(' operand ')'                                            # ParenOperand
    ;

function : IDENTIFIER '(' operand (',' operand)* ')' ;

// a document path: a.b[0].#c; the update keywords are accepted as names so that using one bare gets AWS's
// reserved-word error rather than a syntax error
path : name ( '.' name | '[' INDEX_NUMBER ']' )* ;
name : IDENTIFIER | NAME | SET | REMOVE | ADD | DELETE ;

// ---- updates ----
updateClause
    : SET setAction (',' setAction)*                             # SetClause
    | REMOVE updatePath (',' updatePath)*                        # RemoveClause
    | ADD addAction (',' addAction)*                             # AddClause
    | DELETE addAction (',' addAction)*                          # DeleteClause
    ;

setAction : updatePath '=' setValue ;

setValue
    : setOperand                                                 # PlainValue
    | setOperand op=('+' | '-') setOperand                       # Arithmetic
    | '(' setValue ')'                                           # ParenValue
    ;

setOperand
    : IDENTIFIER '(' setOperand (',' setOperand)* ')'            # UpdateFunction
    | updatePath                                                 # UpdatePathOperand
    | VALUE                                                      # UpdateValueOperand
    | '(' setOperand ')'                                         # ParenSetOperand
    ;

addAction : updatePath VALUE ;

// the condition keywords mean nothing in an update, so they are names here (and then AWS's reserved-word error)
updatePath : updateName ( '.' updateName | '[' INDEX_NUMBER ']' )* ;
updateName : IDENTIFIER | NAME | AND | OR | NOT | BETWEEN | IN ;

// ---- projections: no keyword means anything, every word is a name ----
projectionPath : projectionName ( '.' projectionName | '[' INDEX_NUMBER ']' )* ;
projectionName : IDENTIFIER | NAME | AND | OR | NOT | BETWEEN | IN | SET | REMOVE | ADD | DELETE ;

// ---- tokens ----
AND     : [aA][nN][dD] ;
OR      : [oO][rR] ;
NOT     : [nN][oO][tT] ;
BETWEEN : [bB][eE][tT][wW][eE][eE][nN] ;
IN      : [iI][nN] ;
SET     : [sS][eE][tT] ;
REMOVE  : [rR][eE][mM][oO][vV][eE] ;
ADD     : [aA][dD][dD] ;
DELETE  : [dD][eE][lL][eE][tT][eE] ;

NAME         : '#' [a-zA-Z0-9_]+ ;
VALUE        : ':' [a-zA-Z0-9_]+ ;
IDENTIFIER   : [a-zA-Z] [a-zA-Z0-9_]* ;   // a bare name starts with a letter ("_a" is a syntax error at "_")
INDEX_NUMBER : [0-9]+ ;

EQ : '=' ; NE : '<>' ; LT : '<' ; LE : '<=' ; GT : '>' ; GE : '>=' ;
LPAREN : '(' ; RPAREN : ')' ; COMMA : ',' ; DOT : '.' ; LBRACKET : '[' ; RBRACKET : ']' ;
PLUS : '+' ; MINUS : '-' ;

WHITESPACE : [ \t\r\n]+ -> skip ;
// anything else is a token of its own, so the parser reports it as AWS does ("Syntax error; token: ...")
UNKNOWN : . ;
