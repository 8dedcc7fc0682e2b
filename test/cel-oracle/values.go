package main

import (
	"encoding/base64"
	"fmt"
	"time"

	"github.com/google/cel-go/common/types"
	"github.com/google/cel-go/common/types/ref"
	"github.com/google/cel-go/common/types/traits"
)

// celToJSON converts a CEL value to a JSON-compatible Go value. Maps with non-string keys get their
// keys formatted; an optional becomes its value (or null when empty); durations and timestamps
// become strings; bytes become base64 strings; type values become their names.
func celToJSON(v ref.Val) (any, error) {
	switch val := v.(type) {
	case nil:
		return nil, nil
	case types.Null:
		return nil, nil
	case types.Bool:
		return bool(val), nil
	case types.Int:
		return int64(val), nil
	case types.Uint:
		return uint64(val), nil
	case types.Double:
		return float64(val), nil
	case types.String:
		return string(val), nil
	case types.Bytes:
		return base64.StdEncoding.EncodeToString([]byte(val)), nil
	case types.Duration:
		return val.Duration.String(), nil
	case types.Timestamp:
		return val.Time.UTC().Format(time.RFC3339Nano), nil
	case *types.Optional:
		if !val.HasValue() {
			return nil, nil
		}
		return celToJSON(val.GetValue())
	case *types.Err:
		return nil, val
	case ref.Type:
		return val.TypeName(), nil
	}
	if types.IsUnknownOrError(v) {
		return nil, fmt.Errorf("%v", v)
	}
	if m, ok := v.(traits.Mapper); ok {
		out := map[string]any{}
		it := m.Iterator()
		for it.HasNext() == types.True {
			k := it.Next()
			var key string
			if s, ok := k.(types.String); ok {
				key = string(s)
			} else {
				key = fmt.Sprint(k.Value())
			}
			item, err := celToJSON(m.Get(k))
			if err != nil {
				return nil, err
			}
			out[key] = item
		}
		return out, nil
	}
	if l, ok := v.(traits.Lister); ok {
		out := []any{}
		it := l.Iterator()
		for it.HasNext() == types.True {
			item, err := celToJSON(it.Next())
			if err != nil {
				return nil, err
			}
			out = append(out, item)
		}
		return out, nil
	}
	return nil, fmt.Errorf("cannot convert CEL value of type %s to JSON", v.Type().TypeName())
}
