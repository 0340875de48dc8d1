/**
 * Which comments' text the rules across cards read (R15, P20: the training escalation and go-live tags), apart
 * from the rules themselves: the store's kept parses ask it for every record, and importing the rules would load
 * the calendar and its holiday tables into every process that opens the store (`nabiz verify` too).
 */

/** Cheap gate before parsing a comment: only `#bildirildi`/`#escalated` and go-live tags matter here. */
export const SPAN_TAGS = /#(bildirildi|escalated|canl|golive|go-live)/i;

/** Whether the rules across cards read this comment's text (trainingExemptLight); every other comment only by author and day. */
export function acrossReadsText(text: string): boolean {
  return SPAN_TAGS.test(text);
}
