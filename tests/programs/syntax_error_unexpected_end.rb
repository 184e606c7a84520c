p 1
end
