"""One module per income stream; each is a pure function of (inputs, rates) -> stream dict."""
