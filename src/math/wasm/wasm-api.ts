/**
 * The slice of the WebAssembly global our SIMD kernels use (tsconfig's lib has no DOM / WebAssembly
 * types), and lazy once-per-process compilation of a module shipped as base64.
 */

export interface WasmMemory {
  readonly buffer: ArrayBuffer | SharedArrayBuffer;
  grow(pages: number): number;
}

export interface WasmApi {
  Memory: new (d: { initial: number; maximum: number; shared: boolean }) => WasmMemory;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { readonly exports: object };
}

/** The WebAssembly global, when the runtime has one. */
export const wasm = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;

/** 64 KiB, the unit of WebAssembly memory. */
export const WASM_PAGE = 65536;

/**
 * A getter compiling `base64` on first use; it returns undefined when WebAssembly or one of the module's
 * features (SIMD) is unavailable, and callers fall back to their TypeScript paths.
 */
export function lazyModule(base64: string): () => object | undefined {
  let compiled: object | null | undefined;
  return () => {
    if (compiled === undefined) {
      try {
        if (wasm === undefined) throw new Error('no WebAssembly');
        compiled = new wasm.Module(Buffer.from(base64, 'base64'));
      } catch {
        compiled = null;
      }
    }
    return compiled ?? undefined;
  };
}
