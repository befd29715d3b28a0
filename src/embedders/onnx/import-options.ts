/** Options of a BERT-family import (safetensors folder → ONNX folder), declared once for every surface. */
import { booleanOption, choiceOption, intOption } from '../../options/option-spec.js';

export const IMPORT_OPTIONS = {
  layers: intOption(1, 64, 'keep only the first N transformer layers (elastic depth; default: all)'),
  quantize: choiceOption(['int8'] as const, 'also write the dynamically quantized variant onnx/model_int8.onnx'),
  contrib: booleanOption("use ONNX Runtime's CPU contrib ops (fused attention, skip-layer-norm, fast GELU) in the graph"),
  replace: booleanOption('replace an existing output folder'),
} as const;
