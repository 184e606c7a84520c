p 1
break
