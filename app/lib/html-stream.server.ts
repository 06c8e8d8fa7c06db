import { Transform } from 'node:stream'

/**
 * A pass-through for React's HTML stream that drops NUL bytes. React 18.3's Node renderer encodes
 * text into 2 KB buffers and, when a character of several bytes does not fit at the end of one,
 * sends the whole buffer, unused zero bytes included (react-dom-server.node, writeStringChunk; fixed
 * in React 19, which this stack cannot use yet). UTF-8 never uses a zero byte inside a character and
 * HTML has no place for NUL, so dropping every zero byte gives exactly the page React meant.
 */
export function withoutNulBytes() {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      done(null, chunk.includes(0) ? chunk.filter((byte) => byte !== 0) : chunk)
    },
  })
}
