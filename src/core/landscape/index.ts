/** The system landscape: kinds, checks, connections, blueprints, layout input, clipboard, flow status. */
export * from './kinds.ts';
export * from './validate.ts';
export * from './connect.ts';
export * from './blueprints.ts';
export * from './layout-graph.ts';
export * from './clipboard.ts';
export * from './status.ts';
