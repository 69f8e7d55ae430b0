print("huntkb")
