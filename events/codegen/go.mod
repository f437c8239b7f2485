module lambda-gob/events/codegen

go 1.19
