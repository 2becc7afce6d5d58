module example.com/handwritten

go 1.26.0
