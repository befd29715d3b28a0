/**
 * Tokenize stage: `tokenizer.json` through `@huggingface/tokenizers` (WordPiece, BPE, Unigram — we do not
 * write a tokenizer). Texts are encoded without special tokens, truncated (or split into windows) on the
 * content tokens, and the model's special tokens are put around each piece. The special tokens of a single
 * sequence (`[CLS] … [SEP]`, `<s> … </s>`, `… <|endoftext|>`) are learned once from the tokenizer's own
 * post-processor, so the result equals Hugging Face's `truncation=True, max_length=N`.
 */
import { Tokenizer } from '@huggingface/tokenizers';
import { EmbedkitError } from '../../errors.js';
import type { JsonObject } from './model-folder.js';

export type Side = 'left' | 'right';

export class TextTokenizer {
  private readonly tokenizer: Tokenizer;
  /** Special ids before / after the content of a single sequence. */
  readonly prefix: readonly number[];
  readonly suffix: readonly number[];
  readonly padId: number;
  readonly paddingSide: Side;
  readonly truncationSide: Side;
  /** Largest id the tokenizer can produce, plus one. */
  readonly vocabSize: number;

  constructor(tokenizerJson: JsonObject, tokenizerConfig: JsonObject, where: string) {
    try {
      this.tokenizer = new Tokenizer(tokenizerJson, tokenizerConfig);
    } catch (e) {
      throw new EmbedkitError('FORMAT_ERROR', 'tokenizer.json could not be loaded', {
        expected: 'a Hugging Face tokenizers file (WordPiece, BPE or Unigram)',
        received: e instanceof Error ? e.message : String(e),
        where,
        cause: e,
      });
    }
    [this.prefix, this.suffix] = this.specialFrame();
    this.paddingSide = tokenizerConfig['padding_side'] === 'left' ? 'left' : 'right';
    this.truncationSide = tokenizerConfig['truncation_side'] === 'left' ? 'left' : 'right';
    this.padId = this.findPadId(tokenizerJson, tokenizerConfig);
    let max = -1;
    for (const id of this.tokenizer.get_vocab(true).values()) if (id > max) max = id;
    this.vocabSize = max + 1;
  }

  /** Content ids (no special tokens). */
  encode(text: string): number[] {
    return this.tokenizer.encode(text, { add_special_tokens: false }).ids;
  }

  /** Full ids of one sequence, as the tokenizer itself would add special tokens (for checks and tests). */
  encodeWithSpecials(text: string): number[] {
    return this.tokenizer.encode(text, { add_special_tokens: true }).ids;
  }

  /** Number of special tokens around one sequence. */
  get specialCount(): number {
    return this.prefix.length + this.suffix.length;
  }

  /** prefix + content + suffix. */
  frame(content: ArrayLike<number>): Int32Array {
    const out = new Int32Array(this.prefix.length + content.length + this.suffix.length);
    out.set(this.prefix, 0);
    out.set(content, this.prefix.length);
    out.set(this.suffix, this.prefix.length + content.length);
    return out;
  }

  /** Content cut to `max` tokens from the truncation side. */
  truncate(content: readonly number[], max: number): readonly number[] {
    if (content.length <= max) return content;
    return this.truncationSide === 'left' ? content.slice(content.length - max) : content.slice(0, max);
  }

  /** Finds the special tokens the post-processor puts around a probe text's content. */
  private specialFrame(): [number[], number[]] {
    for (const probe of ['hello world', 'a', 'the']) {
      const plain: number[] = this.tokenizer.encode(probe, { add_special_tokens: false }).ids;
      const full: number[] = this.tokenizer.encode(probe, { add_special_tokens: true }).ids;
      if (plain.length === 0) continue;
      for (let k = 0; k + plain.length <= full.length; k++) {
        if (plain.every((id, i) => full[k + i] === id)) return [full.slice(0, k), full.slice(k + plain.length)];
      }
    }
    return [[], []];
  }

  private findPadId(json: JsonObject, cfg: JsonObject): number {
    const padding = json['padding'] as JsonObject | null | undefined;
    if (padding !== null && typeof padding === 'object' && typeof padding['pad_id'] === 'number') return padding['pad_id'];
    const tok = cfg['pad_token'];
    const name = typeof tok === 'string' ? tok : typeof tok === 'object' && tok !== null ? (tok as JsonObject)['content'] : undefined;
    if (typeof name === 'string') {
      const id = this.tokenizer.token_to_id(name);
      if (id !== undefined) return id;
    }
    // Decoder models often have no pad token: any id works, the attention mask hides it.
    return this.suffix[0] ?? 0;
  }
}
