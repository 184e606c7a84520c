p 1
break if 1 < 2
