/*
Imported first by the command, before any schema parses: Zod compiles a
fast parser for each schema on its first use, through new Function, which
V8's code cache cannot keep, so every start paid some 10 ms for parsers that
each parse a handful of values once.
*/
import {config} from 'zod';

config({jitless: true});
