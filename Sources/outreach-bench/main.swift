print("outreach-bench: not yet")
