/**
 * A small in-memory ONNX graph (nodes, initializers, typed inputs/outputs) and a builder that names
 * intermediate values. The graph is turned into protobuf bytes by `onnx-writer.ts` (through the ONNX schema
 * compiled by `onnx-proto`); the BERT builder and the int8 quantizer work on this form.
 */
import { EmbedkitError } from '../../../errors.js';

export type OnnxDataType = 'float' | 'uint8' | 'int8' | 'int32' | 'int64';
export type InitializerData = Float32Array | Uint8Array | Int8Array | Int32Array | BigInt64Array;

export interface Initializer {
  readonly name: string;
  readonly dataType: OnnxDataType;
  readonly dims: readonly number[];
  readonly data: InitializerData;
}

/** A node attribute: an int, a float, a list of ints, or a string. */
export type Attr = { readonly i: number } | { readonly f: number } | { readonly ints: readonly number[] } | { readonly s: string };

export interface OnnxNode {
  readonly op: string;
  readonly name: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  /** Operator domain: '' (ai.onnx) or 'com.microsoft' (ONNX Runtime contrib ops). */
  readonly domain: string;
  readonly attrs: Readonly<Record<string, Attr>>;
}

/** A graph input or output: element type and shape (numbers, or names of symbolic dimensions). */
export interface ValueInfo {
  readonly name: string;
  readonly dataType: OnnxDataType;
  readonly shape: readonly (number | string)[];
}

export interface OnnxGraph {
  readonly name: string;
  readonly nodes: readonly OnnxNode[];
  readonly initializers: readonly Initializer[];
  readonly inputs: readonly ValueInfo[];
  readonly outputs: readonly ValueInfo[];
  /** Operator set version per domain, e.g. `{ '': 17, 'com.microsoft': 1 }`. */
  readonly opsets: Readonly<Record<string, number>>;
}

export const CONTRIB_DOMAIN = 'com.microsoft';

const ELEMENTS: Record<OnnxDataType, (d: InitializerData) => boolean> = {
  float: (d) => d instanceof Float32Array,
  uint8: (d) => d instanceof Uint8Array,
  int8: (d) => d instanceof Int8Array,
  int32: (d) => d instanceof Int32Array,
  int64: (d) => d instanceof BigInt64Array,
};

/** Builds a graph node by node; intermediate values get unique names from the node name. */
export class GraphBuilder {
  private readonly nodes: OnnxNode[] = [];
  private readonly initializers = new Map<string, Initializer>();
  private readonly inputs: ValueInfo[] = [];
  private readonly outputs: ValueInfo[] = [];
  private readonly names = new Set<string>();

  constructor(private readonly graphName: string) {}

  private unique(base: string): string {
    let name = base;
    for (let k = 1; this.names.has(name); k++) name = `${base}_${k}`;
    this.names.add(name);
    return name;
  }

  input(name: string, dataType: OnnxDataType, shape: readonly (number | string)[]): string {
    this.names.add(name);
    this.inputs.push({ name, dataType, shape });
    return name;
  }

  output(name: string, dataType: OnnxDataType, shape: readonly (number | string)[]): void {
    this.outputs.push({ name, dataType, shape });
  }

  /** Adds a constant tensor; returns its name. */
  constant(name: string, dataType: OnnxDataType, dims: readonly number[], data: InitializerData): string {
    const size = dims.reduce((a, b) => a * b, 1);
    if (data.length !== size || !ELEMENTS[dataType](data)) {
      throw new EmbedkitError('DIM_MISMATCH', `initializer "${name}"`, { expected: `${size} ${dataType} values (dims [${dims.join(', ')}])`, received: `${data.length} ${data.constructor.name}` });
    }
    const unique = this.unique(name);
    this.initializers.set(unique, { name: unique, dataType, dims: [...dims], data });
    return unique;
  }

  /** Adds a node with `outputs` fresh outputs (default 1); returns their names. */
  node(op: string, name: string, inputs: readonly string[], attrs: Readonly<Record<string, Attr>> = {}, opts: { domain?: string; outputs?: number | readonly string[] } = {}): string[] {
    const nodeName = this.unique(name);
    const outs = Array.isArray(opts.outputs)
      ? (opts.outputs as readonly string[]).map((o) => (this.names.add(o), o))
      : Array.from({ length: typeof opts.outputs === 'number' ? opts.outputs : 1 }, (_, i) => this.unique(`${nodeName}_out${i === 0 ? '' : i}`));
    this.nodes.push({ op, name: nodeName, inputs: [...inputs], outputs: outs, domain: opts.domain ?? '', attrs });
    return outs;
  }

  /** A node with one output; returns its name. */
  op(op: string, name: string, inputs: readonly string[], attrs: Readonly<Record<string, Attr>> = {}, domain = ''): string {
    return this.node(op, name, inputs, attrs, { domain })[0]!;
  }

  build(opsets: Readonly<Record<string, number>>): OnnxGraph {
    return { name: this.graphName, nodes: [...this.nodes], initializers: [...this.initializers.values()], inputs: [...this.inputs], outputs: [...this.outputs], opsets: { ...opsets } };
  }
}
