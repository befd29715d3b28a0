import type { Command } from 'commander';
import { register as add } from './add.js';
import { register as align } from './align.js';
import { register as analogy } from './analogy.js';
import { register as collection } from './collection.js';
import { register as convert } from './convert.js';
import { register as demo } from './demo.js';
import { register as distill } from './distill.js';
import { register as embed } from './embed.js';
import { register as evaluate } from './eval.js';
import { register as importModel } from './import.js';
import { register as isotropy } from './isotropy.js';
import { register as models } from './models.js';
import { register as neighbors } from './neighbors.js';
import { register as search } from './search.js';
import { register as serve } from './serve.js';
import { register as shift } from './shift.js';
import { register as similarity } from './similarity.js';
import { register as train } from './train.js';
import { register as transform } from './transform.js';

/** Every CLI command registers itself here (one file per command). */
export const COMMANDS: readonly ((program: Command) => void)[] = [
  demo, neighbors, analogy, similarity, embed, convert, models, collection, add, search, train, evaluate, serve, importModel, distill,
  // analysis: geometry (alignment, semantic change, isotropy and post-processing)
  align, shift, isotropy, transform,
];
