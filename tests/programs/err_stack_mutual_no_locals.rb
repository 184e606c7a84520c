# naruby-only: naruby's recursion limit differs from CRuby's
# Endless mutual recursion between functions without parameters or locals:
# every frame still takes a value-stack slot, so it ends in SystemStackError
# at the same call in every mode.
def tick
  tock
end
def tock
  tick
end
tick
