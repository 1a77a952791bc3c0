"""Filing with the MOF e-invoice platform (大平台) through Turnkey: messages, schema, folders, results, deadlines."""
