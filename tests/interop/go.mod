module lambdagob/interop

go 1.19
