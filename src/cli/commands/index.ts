import type { Command } from 'commander';
import { register as adapt } from './adapt.js';
import { register as add } from './add.js';
import { register as align } from './align.js';
import { register as anchors } from './anchors.js';
import { register as analogy } from './analogy.js';
import { register as bias } from './bias.js';
import { register as collection } from './collection.js';
import { register as concepts } from './concepts.js';
import { register as convert } from './convert.js';
import { register as debias } from './debias.js';
import { register as decodeVector } from './decode-vector.js';
import { register as demo } from './demo.js';
import { register as depth } from './depth.js';
import { register as distill } from './distill.js';
import { register as embed } from './embed.js';
import { register as evaluate } from './eval.js';
import { register as explain } from './explain.js';
import { register as importModel } from './import.js';
import { register as isotropy } from './isotropy.js';
import { register as longDocs } from './long-docs.js';
import { register as match } from './match.js';
import { register as merge } from './merge.js';
import { register as models } from './models.js';
import { register as neighbors } from './neighbors.js';
import { register as plot } from './plot.js';
import { register as projectOut } from './project-out.js';
import { register as retrofit } from './retrofit.js';
import { register as search } from './search.js';
import { register as serve } from './serve.js';
import { register as shift } from './shift.js';
import { register as similarity } from './similarity.js';
import { register as train } from './train.js';
import { register as transform } from './transform.js';

/** Every CLI command registers itself here (one file per command). */
export const COMMANDS: readonly ((program: Command) => void)[] = [
  demo, neighbors, analogy, similarity, embed, convert, models, collection, add, search, train, evaluate, serve, importModel, distill,
  // analysis: bias and debiasing, retrofitting and direction removal, depth, concepts, projection
  bias, debias, retrofit, projectOut, depth, concepts, explain, decodeVector, anchors, plot,
  // analysis: geometry (alignment, semantic change, isotropy and post-processing)
  align, shift, isotropy, transform,
  // adapters: training and merging
  adapt, merge,
  // matching tables and text; long documents
  match, longDocs,
];
