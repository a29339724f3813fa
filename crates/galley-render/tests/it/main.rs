mod ninjs;
