"""Understanding a partner's message: quantities, products, facts with their polarity, intent."""
