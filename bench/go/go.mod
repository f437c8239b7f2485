module lambdagob/benchgo

go 1.19

require lambdagob/interop v0.0.0

replace lambdagob/interop => ../../tests/interop
