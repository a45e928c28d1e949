// Starts the app. A file of its own rather than Trunk's inline script, so the page's
// Content-Security-Policy can forbid inline scripts.
import init from './imbalance-lab.js';

init();
