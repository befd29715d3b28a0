/**
 * Serializes an `OnnxGraph` to an ONNX model file (protobuf `ModelProto`) with `onnx-proto`, the ONNX
 * schema compiled for protobufjs — no hand-written protobuf bytes. Initializers are stored as `raw_data`
 * (little-endian, as ONNX requires).
 */
import onnxProto from 'onnx-proto';
import type { onnx as P } from 'onnx-proto';
import { EmbedkitError } from '../../../errors.js';
import type { Attr, OnnxDataType, OnnxGraph, ValueInfo } from './onnx-graph.js';

const { onnx } = onnxProto;

/** IR version 8 (ONNX 1.10–1.12) carries opset 17, the set the BERT builder emits. */
export const ONNX_IR_VERSION = 8;

const DATA_TYPES: Record<OnnxDataType, number> = {
  float: onnx.TensorProto.DataType.FLOAT,
  uint8: onnx.TensorProto.DataType.UINT8,
  int8: onnx.TensorProto.DataType.INT8,
  int32: onnx.TensorProto.DataType.INT32,
  int64: onnx.TensorProto.DataType.INT64,
};

export function onnxDataType(t: OnnxDataType): number {
  return DATA_TYPES[t];
}

export interface ModelMetadata {
  readonly producerName: string;
  readonly producerVersion: string;
  readonly docString?: string;
  /** `metadata_props` key/value pairs. */
  readonly properties?: Readonly<Record<string, string>>;
}

function attribute(name: string, a: Attr): P.IAttributeProto {
  const T = onnx.AttributeProto.AttributeType;
  if ('i' in a) return { name, type: T.INT, i: a.i };
  if ('f' in a) return { name, type: T.FLOAT, f: a.f };
  if ('ints' in a) return { name, type: T.INTS, ints: [...a.ints] };
  return { name, type: T.STRING, s: Buffer.from(a.s, 'utf8') };
}

function valueInfo(v: ValueInfo): P.IValueInfoProto {
  return {
    name: v.name,
    type: {
      tensorType: {
        elemType: DATA_TYPES[v.dataType],
        shape: { dim: v.shape.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
      },
    },
  };
}

/** The model file's bytes. */
export function encodeOnnxModel(graph: OnnxGraph, meta: ModelMetadata): Uint8Array {
  const model: P.IModelProto = {
    irVersion: ONNX_IR_VERSION,
    producerName: meta.producerName,
    producerVersion: meta.producerVersion,
    ...(meta.docString !== undefined ? { docString: meta.docString } : {}),
    opsetImport: Object.entries(graph.opsets).map(([domain, version]) => ({ domain, version })),
    metadataProps: Object.entries(meta.properties ?? {}).map(([key, value]) => ({ key, value })),
    graph: {
      name: graph.name,
      node: graph.nodes.map((n) => ({
        name: n.name,
        opType: n.op,
        domain: n.domain,
        input: [...n.inputs],
        output: [...n.outputs],
        attribute: Object.entries(n.attrs).map(([k, v]) => attribute(k, v)),
      })),
      initializer: graph.initializers.map((t) => ({
        name: t.name,
        dataType: DATA_TYPES[t.dataType],
        dims: [...t.dims],
        rawData: new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength),
      })),
      input: graph.inputs.map(valueInfo),
      output: graph.outputs.map(valueInfo),
    },
  };
  const err = onnx.ModelProto.verify(model);
  if (err !== null) throw new EmbedkitError('BAD_ARGUMENT', 'ONNX model', { expected: 'a valid ModelProto', received: err });
  return onnx.ModelProto.encode(model).finish();
}

/** Parses model bytes back (for checks and tests). */
export function decodeOnnxModel(bytes: Uint8Array): P.ModelProto {
  return onnx.ModelProto.decode(bytes);
}
