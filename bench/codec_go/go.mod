module codecgo

go 1.19
