module codecgolden

go 1.19
