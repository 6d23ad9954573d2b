namespace ResearchKit.Clustering;

/// <summary>
/// Binary min-heap over keys 0..n−1 with change-value, laid out as in scipy's <c>_structures.pxi</c> <c>Heap</c>
/// (children of i at 2i+1, 2i+2; a child replaces its parent only when strictly smaller; the right child is
/// preferred only when strictly smaller). Keeping that exact layout makes ties resolve as scipy's generic
/// linkage resolves them.
/// </summary>
internal sealed class IndexedMinHeap
{
    private readonly int[] _indexByKey;
    private readonly int[] _keyByIndex;
    private readonly double[] _values;
    private int _size;

    public IndexedMinHeap(ReadOnlySpan<double> values)
    {
        _size = values.Length;
        _values = values.ToArray();
        _indexByKey = new int[_size];
        _keyByIndex = new int[_size];
        for (int i = 0; i < _size; i++) { _indexByKey[i] = i; _keyByIndex[i] = i; }
        for (int i = _size / 2 - 1; i >= 0; i--) SiftDown(i);
    }

    public (int Key, double Value) Min => (_keyByIndex[0], _values[0]);

    public void RemoveMin()
    {
        Swap(0, _size - 1);
        _size--;
        SiftDown(0);
    }

    public void ChangeValue(int key, double value)
    {
        int index = _indexByKey[key];
        double old = _values[index];
        _values[index] = value;
        if (value < old) SiftUp(index); else SiftDown(index);
    }

    private void SiftUp(int index)
    {
        int parent = (index - 1) >> 1;
        while (index > 0 && _values[parent] > _values[index])
        {
            Swap(index, parent);
            index = parent;
            parent = (index - 1) >> 1;
        }
    }

    private void SiftDown(int index)
    {
        int child = 2 * index + 1;
        while (child < _size)
        {
            if (child + 1 < _size && _values[child + 1] < _values[child]) child++;
            if (_values[index] > _values[child])
            {
                Swap(index, child);
                index = child;
                child = 2 * index + 1;
            }
            else break;
        }
    }

    private void Swap(int i, int j)
    {
        (_values[i], _values[j]) = (_values[j], _values[i]);
        int ki = _keyByIndex[i], kj = _keyByIndex[j];
        _keyByIndex[i] = kj;
        _keyByIndex[j] = ki;
        _indexByKey[ki] = j;
        _indexByKey[kj] = i;
    }
}
