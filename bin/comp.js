#!/usr/bin/env node
import '../dist/compiler/cli/main.js';
