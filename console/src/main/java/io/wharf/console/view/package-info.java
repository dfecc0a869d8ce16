/** What the templates ({@code src/main/jte}) show: plain records, every text in them escaped by jte when rendered. */
package io.wharf.console.view;
