import { markThreadRead, readThread, type Speaker } from './messages.server'

/**
 * A thread as its page shows it to this speaker: its messages, read as they were, after which the thread
 * counts as read (the page's unread marks go once it has been opened).
 */
export async function openThread(s: Speaker, clientId: string, applicationId: string | null, clientName: string) {
  const { messages, readUpTo } = await readThread(s, clientId, applicationId, clientName)
  // Only a thread with something past the speaker's marker (or no marker yet) has anything to mark: a view that
  // finds nothing new writes nothing. What counts as unread is the same either way.
  const newest = messages.at(-1)?.createdAt
  if (readUpTo === null || (newest && newest > readUpTo)) await markThreadRead(s, clientId, applicationId)
  return messages
}
