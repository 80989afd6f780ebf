export { loadConsoleAssets } from './assets.js';
export { createConsoleFeed } from './console-feed.js';
export { createConsoleRecorder, type ConsoleRecorder } from './recorder.js';
export { consoleRoutes } from './routes.js';
export { ConsoleEvent, ConsoleSnapshot } from './schemas.js';
