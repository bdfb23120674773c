// placeholder: delete once this folder has real sources
