/**
 * A text's concept profile as named scores, highest first — the readable form of `ConceptSpace.profile`.
 */
import type { ConceptSpace } from './concept-space.js';

export interface ConceptScore {
  readonly concept: string;
  /** Cosine of the text to the concept (minus the reference mean when the space is centred). */
  readonly score: number;
}

export interface TextConcepts {
  readonly text: string;
  /** Every concept, highest score first (ties by definition order). */
  readonly concepts: readonly ConceptScore[];
}

export async function conceptProfiles(space: ConceptSpace, texts: readonly string[]): Promise<TextConcepts[]> {
  const p = await space.profile(texts);
  return texts.map((text, i) => {
    const scores = space.names.map((concept, c) => ({ concept, score: p.data[i * space.size + c]!, c }));
    scores.sort((a, b) => b.score - a.score || a.c - b.c);
    return { text, concepts: scores.map(({ concept, score }) => ({ concept, score })) };
  });
}
