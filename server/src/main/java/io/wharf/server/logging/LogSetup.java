package io.wharf.server.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import io.wharf.server.config.LoggingOptions;
import org.slf4j.LoggerFactory;

import java.util.Iterator;

/**
 * Applies {@code --log-level} and {@code --log-format} to logback, which {@code logback.xml} configures with one
 * console appender: the root logger's level, and for {@code json} logback's own {@link JsonEncoder} (one JSON object
 * per line, with the request log's fields as key-value pairs) in place of the text pattern. Does nothing when SLF4J
 * is bound to another backend (an application embedding Wharf configures its own logging).
 */
public final class LogSetup {
    private LogSetup() {
    }

    public static void apply(LoggingOptions options) {
        // by name first: without logback on the class path, touching its classes would fail
        if (LoggerFactory.getILoggerFactory().getClass().getName().equals("ch.qos.logback.classic.LoggerContext")) {
            applyToLogback((LoggerContext) LoggerFactory.getILoggerFactory(), options);
        }
    }

    private static void applyToLogback(LoggerContext context, LoggingOptions options) {
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(options.level().name()));
        if (options.format() == LoggingOptions.Format.JSON) {
            for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
                if (it.next() instanceof ConsoleAppender<ILoggingEvent> console) {
                    JsonEncoder json = new JsonEncoder();
                    json.setContext(context);
                    // the message as read, not its template and arguments; nothing that is the same on every line
                    json.setWithFormattedMessage(true);
                    json.setWithMessage(false);
                    json.setWithArguments(false);
                    json.setWithContext(false);
                    json.setWithSequenceNumber(false);
                    json.setWithNanoseconds(false);
                    json.setWithMDC(false);
                    json.start();
                    console.stop();
                    console.setEncoder(json);
                    console.start();
                }
            }
        }
    }
}
