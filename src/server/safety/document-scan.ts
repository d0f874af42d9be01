/**
 * The first look at an operation's text, before it is parsed: one pass of graphql-js's own lexer
 * that counts tokens, aliases and directives and stops as soon as one of them is over its limit.
 * A hostile document (thousands of aliases, a million tokens) is refused after reading only as
 * many tokens as the limit allows, so it never reaches the parser, the validator or a source.
 *
 * An alias is a name followed by `:` outside parentheses: inside them (arguments, variable
 * definitions, input objects) the same pair is an argument or an input field.
 */
import { GraphQLError, Lexer, Source, TokenKind } from 'graphql';

export interface ScanLimits {
  /** Longest document text, in characters (comments and string literals count: they are not tokens). */
  readonly maxChars: number;
  /** Most lexical tokens a document may have (punctuation, names, values; comments not counted). */
  readonly maxTokens: number;
  /** Most aliases (`name: field`) a document may use. */
  readonly maxAliases: number;
  /** Most directives (`@include`, `@skip`, …) a document may use. */
  readonly maxDirectives: number;
}

export interface ScanResult {
  tokens: number;
  aliases: number;
  directives: number;
  /** The first limit the document is over (the scan stopped there), or null. */
  over: keyof ScanLimits | null;
}

/**
 * Counts up to the limits. A document that does not lex is left to the parser, which reports
 * the syntax error with its location (the count so far is returned without `over`).
 */
export function scanDocument(text: string, limits: ScanLimits): ScanResult {
  const result: ScanResult = { tokens: 0, aliases: 0, directives: 0, over: null };
  if (text.length > limits.maxChars) return { ...result, over: 'maxChars' };
  const lexer = new Lexer(new Source(text));
  let parens = 0;
  let previous: TokenKind | null = null;
  try {
    for (let token = lexer.advance(); token.kind !== TokenKind.EOF; token = lexer.advance()) {
      result.tokens += 1;
      if (result.tokens > limits.maxTokens) return { ...result, over: 'maxTokens' };
      switch (token.kind) {
        case TokenKind.PAREN_L:
          parens += 1;
          break;
        case TokenKind.PAREN_R:
          parens = Math.max(0, parens - 1);
          break;
        case TokenKind.AT:
          result.directives += 1;
          if (result.directives > limits.maxDirectives) return { ...result, over: 'maxDirectives' };
          break;
        case TokenKind.COLON:
          if (parens === 0 && previous === TokenKind.NAME) {
            result.aliases += 1;
            if (result.aliases > limits.maxAliases) return { ...result, over: 'maxAliases' };
          }
          break;
        default:
          break;
      }
      previous = token.kind;
    }
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
  }
  return result;
}
