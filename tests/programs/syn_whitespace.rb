	x	=	1


  y   =   x+2   
p(  y  )
	if y > 2
		p 4
	end

