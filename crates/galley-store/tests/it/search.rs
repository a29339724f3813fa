// search tests come with galley-query
