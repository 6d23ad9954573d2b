# Cut single-speaker audio (other speakers' segments removed; pieces of 1.5-3 s; at most 8 per speaker) from the
# bundled conversations into <speaker>_<n>.wav files per evaluation set for `researchkit eval-embedding`.
import wave, numpy as np, os, collections
import sys
root=sys.argv[1] if len(sys.argv)>1 else 'data/conversations'; out=sys.argv[2] if len(sys.argv)>2 else 'out/segsets'
groups={'ami':['dev00','trn05'],'pyannote':['sample'],'simdev':['simdev00','simdev03','simdev06']}
def subtract(iv, others):
    res=[iv]
    for a,b in others:
        nxt=[]
        for s,e in res:
            if b<=s or a>=e: nxt.append((s,e)); continue
            if a>s: nxt.append((s,a))
            if b<e: nxt.append((b,e))
        res=nxt
    return res
for g,files in groups.items():
    os.makedirs(f'{out}/{g}',exist_ok=True); n=collections.Counter()
    for f in files:
        w=wave.open(f'{root}/{f}.wav'); sr=w.getframerate(); x=np.frombuffer(w.readframes(w.getnframes()),dtype=np.int16); w.close()
        segs=[(float(l.split()[3]),float(l.split()[3])+float(l.split()[4]),l.split()[7]) for l in open(f'{root}/{f}.rttm') if l.startswith('SPEAKER')]
        for s,e,spk in segs:
            spk_id=(spk if g=='simdev' else f+spk).replace('_','').replace('-','')
            for a,b in subtract((s,e),[(o[0],o[1]) for o in segs if o[2]!=spk]):
                while b-a>=1.5 and n[spk_id]<8:
                    c=min(b,a+3.0)
                    y=x[int(a*sr):int(c*sr)]
                    o=wave.open(f'{out}/{g}/{spk_id}_{n[spk_id]}.wav','wb'); o.setnchannels(1); o.setsampwidth(2); o.setframerate(sr); o.writeframes(y.tobytes()); o.close()
                    n[spk_id]+=1; a=c
    print(g, dict(n))
