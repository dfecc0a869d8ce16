package io.wharf.console.view;

import java.util.List;
import java.util.Map;

/**
 * One queue's page.
 *
 * @param deadLetterSources the queues whose redrive policy names this one (non-empty: it is a dead-letter queue and
 *                          can be redriven)
 * @param moveTasks         its message move tasks, each as one line
 * @param seriesUrl         where its chart's samples are read
 */
public record QueueView(String name, String arn, boolean fifo, String numbersUrl, String peekUrl, String seriesUrl,
                        Map<String, String> attributes, List<String> deadLetterSources, List<String> moveTasks) {
}
