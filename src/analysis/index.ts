/**
 * embedkit/analysis — embedding spaces as objects of study: bias measurement (WEAT, SEAT, DirectBias) and
 * hard debiasing, retrofitting to a lexicon or a hierarchy, direction and subspace removal (projection,
 * INLP).
 */
export { loadWeatTest, parseWeatTest, listWeatTests, WEFE_WEAT_TESTS, WEAT_ROLES } from './bias/word-sets.js';
export type { WeatTest, WordSet, WeatRole, LoadWeatOptions } from './bias/word-sets.js';
export { weat, weatFromSets, associations } from './bias/weat.js';
export type { WeatOptions, WeatResult, StdKind, ResolvedSet } from './bias/weat.js';
export { permutationPValue, ALTERNATIVES } from './bias/permutation.js';
export type { Alternative, PermutationOptions, PermutationResult } from './bias/permutation.js';
export { seat } from './bias/seat.js';
export type { SeatOptions, SeatResult } from './bias/seat.js';
export { pairDirection, directBias, extremeWords } from './bias/direct-bias.js';
export type { ConceptDirection, DirectBiasOptions, DirectBiasResult, WordProjection } from './bias/direct-bias.js';
export { hardDebias, equalizeCandidates } from './bias/hard-debias.js';
export type { HardDebiasOptions, HardDebiasResult } from './bias/hard-debias.js';
export { loadDebiasweLists, readWordPairs, readWordList, readProfessions, readWordSets, readWordClasses, parseWordSets, parseWordClasses, debiasweListPath, DEBIASWE_FILES } from './bias/debiaswe-lists.js';
export type { DebiasweLists, WordPair, Profession, WordClasses } from './bias/debiaswe-lists.js';
export { biasSnapshot, debiasReport } from './bias/debias-report.js';
export type { BiasSnapshot, BiasSnapshotInputs, DebiasReport } from './bias/debias-report.js';
export { retrofit } from './retrofit/retrofit.js';
export type { RetrofitOptions, RetrofitResult } from './retrofit/retrofit.js';
export { Lexicon, readEdgeList, parseEdgeList, readAdjacencyLexicon, parseAdjacencyLexicon } from './retrofit/lexicon.js';
export type { EdgeListOptions } from './retrofit/lexicon.js';
export { loadWordNet, parseWordNetData, parseWordNetIndex, wordnetDbPath } from './retrofit/wordnet.js';
export type { WordNet, Synset, Pointer, WordNetPos } from './retrofit/wordnet.js';
export { wordnetLexicon, WORDNET_RELATIONS } from './retrofit/wordnet-lexicon.js';
export type { WordNetRelation } from './retrofit/wordnet-lexicon.js';
export { hierarchyLexicon } from './retrofit/hierarchy.js';
export type { HierarchyOptions } from './retrofit/hierarchy.js';
export { taxonomyTriples, taxonomyCheck } from './retrofit/taxonomy-check.js';
export type { TaxonomyTriple, TaxonomyCheck } from './retrofit/taxonomy-check.js';
export { subspaceFromSets, subspaceFromVectors, combineSubspaces } from './directions/subspace.js';
export type { Subspace } from './directions/subspace.js';
export { projectOutVectors } from './directions/project-out.js';
export type { ProjectOutVectorsOptions } from './directions/project-out.js';
export { inlp, inlpWords } from './directions/inlp.js';
export type { InlpOptions, InlpResult, InlpRound } from './directions/inlp.js';
export { loadLexicon } from './retrofit/lexicon-source.js';

// Statistical depth, concept spaces, vector decoding, projection and plots
export { corpusDepths, depthsWithRespectTo, depthOrder, DEPTH_DISTANCES, DEPTH_SUP } from './depth/tte-depth.js';
export type { DepthDistance, DepthOptions, DepthSampling, Depths, CorpusDepths } from './depth/tte-depth.js';
export { compareDepths, depthRankTest, qualityIndex, pooledRankQ } from './depth/depth-comparison.js';
export type { DepthComparison } from './depth/depth-comparison.js';
export { rankTextsByDepth, compareTextCorpora } from './depth/text-depth.js';
export type { TextDepthOptions, TextDepthRanking, TextDepthComparison, RankedText } from './depth/text-depth.js';
export { parseConcepts, readConcepts } from './concepts/concept-set.js';
export type { Concept } from './concepts/concept-set.js';
export { ConceptSpace } from './concepts/concept-space.js';
export type { ConceptAggregate, ConceptSpaceOptions } from './concepts/concept-space.js';
export { explainMatch, explainProfiles } from './concepts/explain.js';
export type { MatchExplanation, ConceptContribution, ExplainOptions } from './concepts/explain.js';
export { fitConceptWeights, scoreProfilePairs, pairFeatures, evaluateSesa, labelsByThreshold } from './concepts/sesa.js';
export type { ConceptWeights, SesaFitOptions, LabelledPairs, PairMetrics, SesaEvaluation } from './concepts/sesa.js';
export { decodeVector, decodeVectors, decodeTexts, meanVector } from './decode/nearest-words.js';
export type { DecodeOptions, DecodedVector } from './decode/nearest-words.js';
export { loadTokenEmbeddings, tokenStrings } from './decode/token-embeddings.js';
export type { TokenEmbeddings, TokenEmbeddingOptions } from './decode/token-embeddings.js';
export { listInitializers, readInitializer } from './decode/onnx-initializers.js';
export type { InitializerInfo } from './decode/onnx-initializers.js';
export { semanticAnchors } from './decode/anchors.js';
export type { Anchor, Anchors, AnchorOptions } from './decode/anchors.js';
export { projectVectors, PROJECTION_METHODS } from './projection/project.js';
export type { Projection, ProjectionMethod, ProjectionOptions } from './projection/project.js';
export { pca } from './projection/pca.js';
export type { PcaResult } from './projection/pca.js';
export { trustworthiness } from './projection/trustworthiness.js';
export { projectionPoints, projectionDocument, writeProjectionJson } from './projection/plot-points.js';
export type { PlotPoint, PointsOptions, ProjectionDocument, MetadataValue } from './projection/plot-points.js';
export { plotSpec } from './projection/plot-spec.js';
export type { PlotSpecOptions } from './projection/plot-spec.js';
export { renderSvg, svgToPng, writePlot, plotFormatOf } from './projection/render-plot.js';
export type { PlotFormat, PngOptions } from './projection/render-plot.js';
export { vocabularySample } from './projection/vocabulary-sample.js';
export type { VocabularySample, VocabularySampleOptions } from './projection/vocabulary-sample.js';
export { conceptProfiles } from './concepts/concept-profile.js';
export type { ConceptScore, TextConcepts } from './concepts/concept-profile.js';
export { parseVector } from './decode/parse-vector.js';

// Alignment, semantic change, isotropy and post-processing
export { orthogonalProcrustes } from './alignment/procrustes.js';
export { leastSquaresMap } from './alignment/least-squares.js';
export type { LeastSquaresOptions, LeastSquaresMap } from './alignment/least-squares.js';
export { fitLinearMap } from './alignment/linear-map.js';
export { nnTopK, cslsTopK, meanTopKSimilarity } from './alignment/csls.js';
export { readDictionary, parseDictionary, dictionaryFromPairs, identicalDictionary } from './alignment/dictionary.js';
export type { Dictionary, DictionaryOptions } from './alignment/dictionary.js';
export { induceDictionary, neighbourhoodTerms, INDUCTION_BUILDS } from './alignment/induce-dictionary.js';
export type { InductionOptions, InductionMethod, InductionBuild, InducedDictionary, NeighbourhoodTerms } from './alignment/induce-dictionary.js';
export { evaluateBli } from './alignment/bli.js';
export type { BliOptions, BliResult } from './alignment/bli.js';
export { alignVectors, evaluateAlignment } from './alignment/align.js';
export type { AlignOptions, AlignmentResult, AlignmentRound } from './alignment/align.js';
export { semanticShift } from './semantic-change/semantic-shift.js';
export type { ShiftOptions, ShiftResult, WordShift, ShiftMeasure } from './semantic-change/semantic-shift.js';
export { sharedVocabulary } from './semantic-change/shared-vocabulary.js';
export type { SharedVocabulary, SharedVocabularyOptions } from './semantic-change/shared-vocabulary.js';
export { rowCosineDistances, localNeighbourhoodDistance, neighbourOverlap } from './semantic-change/shift-measures.js';
export { buildSotuCorpus, sotuAddresses } from './semantic-change/sotu-corpus.js';
export type { SotuCorpus, SotuCorpusOptions } from './semantic-change/sotu-corpus.js';
export { isoScore } from './isotropy/iso-score.js';
export type { IsoScoreResult } from './isotropy/iso-score.js';
export { partitionRatio } from './isotropy/partition-ratio.js';
export type { PartitionRatioResult } from './isotropy/partition-ratio.js';
export { meanCosine } from './isotropy/mean-cosine.js';
export type { MeanCosineOptions, MeanCosineResult, MeanCosineMethod } from './isotropy/mean-cosine.js';
export { measureIsotropy, vocabularyMatrix } from './isotropy/measure-isotropy.js';
export type { IsotropyReport, IsotropyOptions } from './isotropy/measure-isotropy.js';
export { fitCenter } from './isotropy/center-transform.js';
export { fitAbtt, defaultAbttComponents } from './isotropy/abtt-transform.js';
export type { AbttOptions } from './isotropy/abtt-transform.js';
export { fitWhitening } from './isotropy/whiten-transform.js';
export type { WhitenOptions } from './isotropy/whiten-transform.js';

// Option declarations of the geometry methods: the CLI's flags and the server's fields come from these
export { ALIGN_OPTIONS, alignRun } from './alignment/align-options.js';
export type { AlignRun } from './alignment/align-options.js';
export { SHIFT_OPTIONS, shiftRun } from './semantic-change/shift-options.js';
export { SOTU_OPTIONS, sotuPeriod } from './semantic-change/sotu-options.js';
export type { SotuPeriod } from './semantic-change/sotu-options.js';
export { ISOTROPY_OPTIONS, isotropyRun } from './isotropy/isotropy-options.js';
export type { IsotropyRun } from './isotropy/isotropy-options.js';
export { TRANSFORM_FIT_OPTIONS, FITTED_TRANSFORM_KINDS, transformFitRun, fitTransform } from './isotropy/transform-fit-options.js';
export type { TransformFitRun, FittedTransformKind } from './isotropy/transform-fit-options.js';

// CLI support: vocabularies, labelled pairs, weight files, plot metadata
export { decodeVocabulary } from './decode/decode-vocabulary.js';
export type { DecodeVocabulary } from './decode/decode-vocabulary.js';
export { readLabelledPairs } from './concepts/labelled-pairs.js';
export type { LabelledPairsOptions } from './concepts/labelled-pairs.js';
export { saveConceptWeights, readConceptWeights } from './concepts/weights-file.js';
export { metadataOf } from './projection/plot-points.js';

// Adapters: training on frozen embeddings, merging
export { adaptEmbedder, embedExamples, defaultLoss, TextVectors } from './adapters/adapt.js';
export type { AdaptOptions, AdaptProgress, AdaptResult } from './adapters/adapt.js';
export { readAdapterData, retrievalExamples, queryRange } from './adapters/adapter-data.js';
export type { TextExamples, AdapterDataOptions } from './adapters/adapter-data.js';
export { adapterTransform, adapterParameters, taskVector } from './adapters/adapter-transform.js';
export { mineHardNegatives } from './adapters/mine-negatives.js';
export { interpolateAdapters, interpolateVectors, selfPositioning } from './adapters/merge-adapters.js';
export type { DevTask, SelfPositioningResult } from './adapters/merge-adapters.js';

// Option declarations (one per feature): the CLI's flags and the server's fields come from these
export { WEAT_OPTIONS, weatRun } from './bias/weat-options.js';
export type { WeatRun } from './bias/weat-options.js';
export { DIRECT_BIAS_OPTIONS } from './bias/direct-bias-options.js';
export { RETROFIT_OPTIONS, retrofitRun, LEXICON_FORMATS } from './retrofit/retrofit-options.js';
export type { RetrofitRun, LexiconSource, LexiconFormat } from './retrofit/retrofit-options.js';
export { PROJECT_OUT_OPTIONS, projectOutRun } from './directions/project-out-options.js';
export type { ProjectOutRun } from './directions/project-out-options.js';
export { DEPTH_OPTIONS, depthRun } from './depth/depth-options.js';
export type { DepthRun } from './depth/depth-options.js';
export { CONCEPT_OPTIONS, SESA_OPTIONS } from './concepts/concept-options.js';
export { DECODE_OPTIONS, ANCHOR_OPTIONS, anchorOptions } from './decode/decode-options.js';
export { PLOT_OPTIONS, plotRun } from './projection/plot-options.js';
export { ADAPT_OPTIONS } from './adapters/adapt-options.js';
export { MERGE_OPTIONS } from './adapters/merge-options.js';
export type { PlotRun } from './projection/plot-options.js';

// Long documents: LongEmbed's synthetic tasks; truncation, chunk-and-mean-pool, chunk-level max-sim
export { generateLongTask, LONG_TASKS, LONG_METHODS, maxDocuments } from './long-documents/long-tasks.js';
export type { LongTask, LongMethod, LongTaskData, LongTaskOptions } from './long-documents/long-tasks.js';
export { evaluateLongDocuments, generateLongTasks, maxSimScores, methodScores, ndcgOfScores } from './long-documents/evaluate-long-documents.js';
export type { LongDocumentReport, LongDocumentRow, LongDocumentRunOptions } from './long-documents/evaluate-long-documents.js';
export { LONG_DOCUMENT_OPTIONS, longDocumentSettings, DEFAULT_LENGTHS } from './long-documents/long-document-options.js';
export type { LongDocumentSettings } from './long-documents/long-document-options.js';
export { longDocumentPlotSpec } from './long-documents/long-document-plot.js';
export { mobyDickSentences, PASSKEY_FILLER } from './long-documents/haystacks.js';

// Matching tables and text: pretrained embeddings, or word2vec on random walks over a row–value–token–text graph
export { readTableRows, readMatchTexts, serializeRow, tableRows } from './matching/table.js';
export type { TableRow, MatchText } from './matching/table.js';
export { embedMatch, ROW_TEXTS } from './matching/embed-match.js';
export type { RowText, EmbedMatchOptions } from './matching/embed-match.js';
export { graphMatch, buildMatchGraph, randomWalks } from './matching/graph-match.js';
export type { GraphMatchOptions, MatchGraph } from './matching/graph-match.js';
export { matchScores, rowMatches } from './matching/match-result.js';
export type { RowMatches, MatchScores } from './matching/match-result.js';
export { MATCH_OPTIONS, MATCH_METHODS, matchSettings } from './matching/match-options.js';
export type { MatchMethod, MatchSettings } from './matching/match-options.js';
export { matchTables } from './matching/match-tables.js';
export type { MatchRunOptions } from './matching/match-tables.js';
export { wordnetMatchingTask, glossDefinition } from './matching/wordnet-matching.js';
export type { MatchingTask } from './matching/wordnet-matching.js';
export { writeLongTaskBeir } from './long-documents/write-beir.js';
