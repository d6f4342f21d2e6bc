print("multisso")
