"""The WeGO Awards: award cycles, applications, the judges' panel, scores and prizes."""
