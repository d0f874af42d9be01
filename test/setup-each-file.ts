import 'reflect-metadata';
import { setLogLevel } from '../src/common/logger';

// Keep test output readable; tests that check logs capture them explicitly.
setLogLevel('warn');
