import { Fragment } from 'react'
import { parseSmallMarkdown, type Inline } from '~/lib/small-markdown'

// Task instructions as the coach wrote them: lists, bold and web links, and never markup from a string.

function InlineText({ content }: { content: Inline[] }) {
  return (
    <>
      {content.map((part, i) => {
        switch (part.kind) {
          case 'text':
            return <Fragment key={i}>{part.text}</Fragment>
          case 'bold':
            return <strong key={i}>{part.text}</strong>
          case 'break':
            return <br key={i} />
          case 'link':
            return (
              <a key={i} href={part.href} rel="noopener noreferrer nofollow" target="_blank" className="underline">
                {part.text}
              </a>
            )
        }
      })}
    </>
  )
}

export function SmallMarkdown({ text, className = '' }: { text: string; className?: string }) {
  return (
    <div className={`space-y-2 break-words ${className}`}>
      {parseSmallMarkdown(text).map((block, i) => {
        if (block.kind === 'paragraph')
          return (
            <p key={i}>
              <InlineText content={block.content} />
            </p>
          )
        if (block.kind === 'bullets')
          return (
            <ul key={i} className="list-disc space-y-1 pl-5">
              {block.items.map((item, j) => (
                <li key={j}>
                  <InlineText content={item} />
                </li>
              ))}
            </ul>
          )
        return (
          <ol key={i} start={block.start} className="list-decimal space-y-1 pl-5">
            {block.items.map((item, j) => (
              <li key={j}>
                <InlineText content={item} />
              </li>
            ))}
          </ol>
        )
      })}
    </div>
  )
}
