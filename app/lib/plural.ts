import { formatCount } from './numbers'

/** "1 client", "2 clients", "1,204 applications": a count with the word that agrees with it. */
export function plural(count: number, one: string, many = `${one}s`) {
  return `${formatCount(count)} ${count === 1 ? one : many}`
}
