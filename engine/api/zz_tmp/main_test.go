package zz_tmp
import ("testing";"time";"rolloutlab/engine/api";"fmt";"strings")
func TestLaughs(t *testing.T){
  var b strings.Builder
  b.WriteString("a0: &a0 [x,x,x,x,x,x,x,x,x]\n")
  for i := 1; i < 9; i++ { fmt.Fprintf(&b, "a%d: &a%d [", i, i); for j:=0;j<9;j++ { if j>0 {b.WriteString(",")}; fmt.Fprintf(&b, "*a%d", i-1) }; b.WriteString("]\n") }
  for _, n := range []int{4,5,6,7,8,9} {
    lines := strings.SplitN(b.String(), "\n", n+1)
    in := strings.Join(lines[:n], "\n")
    st := time.Now()
    docs := api.DecodeDocuments([]byte("apiVersion: v1\nkind: Pod\nmetadata:\n  annotations:\n    x: y\n" + in), api.Strict)
    var e error; if len(docs)>0 { e = docs[0].Err }
    msg := fmt.Sprint(e); if len(msg) > 100 { msg = msg[:100] }
    fmt.Println(n, time.Since(st), msg)
  }
}
