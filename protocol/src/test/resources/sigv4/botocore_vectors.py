# Prints the requests BotocoreVectorsTest pastes: botocore SigV4Auth / SigV4QueryAuth with a fixed clock.
# Run: python3 botocore_vectors.py  (needs botocore; 1.43.11 made the pasted values)
import datetime, json
import botocore.auth as A
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

A.get_current_datetime = lambda *a, **k: datetime.datetime(2025, 1, 15, 12, 0, 0)
creds = Credentials('AKIDEXAMPLE', 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY')
session = Credentials('ASIATEMP', 'tempsecret', 'the/token+with=chars')

def header(method, url, body=b'', headers=None, c=creds, service='sqs'):
    r = AWSRequest(method=method, url=url, data=body, headers=headers or {})
    A.SigV4Auth(c, service, 'us-east-1').add_auth(r)
    p = r.prepare()
    return dict(method=method, url=p.url, headers={k.lower(): v for k, v in p.headers.items()},
                body=(body.decode() if isinstance(body, bytes) else body))

def query(method, url, body=b'', headers=None, c=creds, service='sqs', expires=300):
    r = AWSRequest(method=method, url=url, data=body, headers=headers or {})
    A.SigV4QueryAuth(c, service, 'us-east-1', expires=expires).add_auth(r)
    p = r.prepare()
    return dict(method=method, url=p.url, headers={k.lower(): v for k, v in p.headers.items()},
                body=(r.data.decode() if isinstance(r.data, bytes) else (r.data or '')))

v = {
 'pathSpace': header('GET', 'http://localhost:4566/a%20b/c'),
 'pathUnicode': header('GET', 'http://localhost:4566/caf%C3%A9/%E2%82%AC'),
 'pathEncodedSlash': header('GET', 'http://localhost:4566/a%2Fb/c'),
 'pathDots': header('GET', 'http://localhost:4566/a/./b/../c//d/'),
 'queryPlusStarTilde': header('GET', 'http://localhost:4566/?v=a%2Bb&s=%2A&t=~&sp=x%20y'),
 'queryRepeatedAndEmpty': header('GET', 'http://localhost:4566/?b=2&a=&b=1&c&a=z'),
 'headerSpaces': header('POST', 'http://localhost:4566/', b'Action=ListQueues',
                        {'Content-Type': 'application/x-www-form-urlencoded', 'X-Custom': '  a   b \t c  '}),
 'session': header('POST', 'http://localhost:4566/', b'Action=ListQueues',
                   {'Content-Type': 'application/x-www-form-urlencoded'}, c=session),
 'presignedPost': query('POST', 'http://localhost:4566/000000000000/q', {'Action': 'SendMessage', 'MessageBody': 'hi there'},
                        {'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8'}),
 'presignedSession': query('GET', 'http://localhost:4566/?Action=ListQueues', c=session, expires=60),
}
print(json.dumps(v, indent=1))
