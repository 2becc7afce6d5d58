module example.com/otlpsink

go 1.26.0
