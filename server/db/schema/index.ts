export * from './units';
export * from './accounts';
export * from './audit';
export * from './dictionaries';
export * from './youth';
export * from './files';
export * from './imports';
