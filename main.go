package main
import (
 _ "github.com/maxence-charriere/go-app/v9/pkg/app"
 _ "sigs.k8s.io/yaml"
 _ "github.com/google/uuid"
)
func main(){}
