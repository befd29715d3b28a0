/** The projection methods (a light module: the option declarations name them without loading umap-js or druidjs). */
export type ProjectionMethod = 'pca' | 'umap' | 'tsne';
export const PROJECTION_METHODS: readonly ProjectionMethod[] = ['pca', 'umap', 'tsne'];
