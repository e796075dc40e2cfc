/// The inline stylesheet and script of the HTML heatmap (no network requests).
enum HTMLAssets {
    static let css = ##"""
    *{box-sizing:border-box}
    body{font-family:Helvetica,Arial,sans-serif;margin:8px;color:#222;background:#fff}
    h1{font-size:20px;margin:0 0 4px}
    .sub-title{font-size:12px;color:#555;margin-bottom:8px;max-width:120ch}
    .controls{display:flex;gap:12px;align-items:center;margin:8px 0;font-size:13px;flex-wrap:wrap}
    .controls input[type=search]{padding:4px 8px;width:260px;max-width:100%;font-size:13px}
    .controls button{font-size:13px;padding:3px 10px;border:1px solid #767676;background:#f6f6f6;color:#222;border-radius:3px;cursor:pointer}
    .legend{display:flex;gap:6px 16px;flex-wrap:wrap;font-size:12px;margin:6px 0 10px;align-items:center}
    .legend .item{display:inline-flex;align-items:center;gap:4px}
    .legend .sw{display:inline-block;min-width:16px;height:16px;border:1px solid #888;text-align:center;font-size:11px;font-weight:bold;line-height:14px}
    .legend .bar{display:inline-block;width:120px;height:12px;border:1px solid #888}
    .legend .end{font-variant-numeric:tabular-nums}
    .legend .enc-comment{border:1px solid #ccc;border-bottom:2px solid #b38600}
    .legend .enc-links{border:1px solid #ccc;border-right:2px solid #2a6fc9}
    .legend .enc-disabled{background:repeating-linear-gradient(135deg,#fff 0 3px,#d9d9d9 3px 5px);border:1px dashed #767676}
    .legend .enc-toggle{background:#fff;color:#222;border-color:#767676}
    .legend .enc-sample{font-weight:bold}
    .matrix{display:grid;gap:2px;align-items:start}
    .tactic{min-width:0}
    .tactic-head{background:#eee;font-weight:bold;font-size:10.5px;text-align:center;padding:4px 2px;min-height:40px;overflow-wrap:break-word}
    .tactic-head small{display:block;font-weight:normal;color:#555;font-size:10px}
    .cell{font-size:10px;border:1px solid #ddd;margin-top:-1px;padding:2px 2px 2px 3px;min-height:17px;cursor:default;line-height:1.2;overflow-wrap:break-word;min-width:0}
    .cell::after{content:"";display:block;clear:both}
    .cell.sub{margin-left:4px;border-left:2px solid #999}
        .cell .key{font-weight:bold;margin-right:3px}
    .cell .score,.cell .aggregate{font-weight:normal;display:none}
    body.show-scores .cell .score,.cell .aggregate{display:inline}
    .cell.disabled{background:repeating-linear-gradient(135deg,#fff 0 4px,#e6e6e6 4px 6px);color:#444;text-decoration:line-through;outline:1px dashed #767676;outline-offset:-1px}
    .cell .toggle{float:right;width:13px;height:14px;margin:-1px -1px 0 2px;padding:0;border:1px solid #767676;background:#fff;color:#222;font-size:11px;line-height:11px;cursor:pointer}
    .cell .toggle:focus-visible{outline:2px solid #0050d0;outline-offset:-2px}
    .cell.has-comment{border-bottom:2px solid #b38600}
    .cell.has-links{border-right:2px solid #2a6fc9}
    .subs{display:none}
    .subs.open{display:block}
    .subs.open .cell.extra{display:none}
    .subs.open.all .cell.extra{display:block}
    body.hide-disabled .cell.disabled{display:none}
    .dim{opacity:.35}
    .match{outline:2px solid #0050d0;outline-offset:-2px}
    body.mini .cells{display:flex;flex-wrap:wrap;gap:2px}
    body.mini .subs.open{display:contents}
    body.mini .cell{width:18px;height:18px;min-height:0;padding:0;margin:0;text-align:center;font-size:10px;line-height:16px}
    body.mini .cell.sub{margin:0;border-left:1px solid #ddd;border-radius:50%}
    body.mini .cell .label,body.mini .cell .score,body.mini .cell .aggregate{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
    body.mini .cell .key{margin:0}
    body.mini .cell{position:relative}
    body.mini .cell .toggle{position:absolute;right:0;bottom:0;width:10px;height:10px;margin:0;font-size:8px;line-height:7px;border-radius:2px}
    #tooltip{position:fixed;display:none;max-width:420px;background:#fffff0;color:#222;border:1px solid #999;box-shadow:2px 2px 6px rgba(0,0,0,.25);padding:8px;font-size:12px;z-index:10;pointer-events:none;white-space:pre-wrap;overflow-wrap:anywhere}
    #tooltip b{display:block;margin-bottom:4px}
    #tooltip .meta{color:#333;margin-top:4px}
    #tooltip .links{color:#0645ad;margin-top:4px}
    @media (max-width:1400px){.cell,.tactic-head{font-size:9.5px}}
    @media print{.controls{display:none}body{margin:0}@page{size:A4 landscape;margin:8mm}.cell{font-size:7pt}.tactic-head{font-size:7pt}
      .cell,.tactic-head{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
    """##

    static let script = ##"""
    (function(){
      var tip=document.getElementById('tooltip');
      function text(el,name){return el.getAttribute('data-'+name)||'';}
      function show(c,x,y){
        tip.textContent='';
        var b=document.createElement('b');b.textContent=text(c,'id')+' '+text(c,'name');tip.appendChild(b);
        if(text(c,'score')){tip.appendChild(document.createTextNode('Score: '+text(c,'score')+'\n'));}
        if(text(c,'aggregate')){tip.appendChild(document.createTextNode('Aggregate score: '+text(c,'aggregate')+'\n'));}
        if(text(c,'comment')){tip.appendChild(document.createTextNode(text(c,'comment')));}
        if(text(c,'meta')){var m=document.createElement('div');m.className='meta';m.textContent=text(c,'meta');tip.appendChild(m);}
        if(text(c,'links')){var l=document.createElement('div');l.className='links';l.textContent=text(c,'links');tip.appendChild(l);}
        tip.style.display='block';place(x,y);
      }
      function place(cx,cy){
        var x=cx+14,y=cy+14,w=tip.offsetWidth,h=tip.offsetHeight;
        if(x+w>window.innerWidth)x=Math.max(0,cx-w-14);
        if(y+h>window.innerHeight)y=Math.max(0,cy-h-14);
        tip.style.left=x+'px';tip.style.top=y+'px';
      }
      document.addEventListener('mouseover',function(e){
        var c=e.target.closest&&e.target.closest('.cell');
        if(!c){tip.style.display='none';return;}
        show(c,e.clientX,e.clientY);
      });
      document.addEventListener('mousemove',function(e){if(tip.style.display==='block')place(e.clientX,e.clientY);});
      document.addEventListener('focusin',function(e){
        var c=e.target.closest&&e.target.closest('.cell');
        if(!c){tip.style.display='none';return;}
        var r=c.getBoundingClientRect();show(c,r.left,r.bottom);
      });
      function setOpen(t,open){
        var subs=document.getElementById(t.getAttribute('aria-controls'));
        if(!subs)return;
        subs.classList.toggle('open',open);subs.classList.toggle('all',open);
        t.setAttribute('aria-expanded',open?'true':'false');t.textContent=open?'\u2212':'+';
      }
      document.addEventListener('click',function(e){
        var t=e.target.closest&&e.target.closest('.toggle');
        if(t)setOpen(t,t.getAttribute('aria-expanded')!=='true');
      });
      function all(open){var ts=document.querySelectorAll('.toggle');for(var i=0;i<ts.length;i++)setOpen(ts[i],open);}
      document.getElementById('expand-all').addEventListener('click',function(){all(true);});
      document.getElementById('collapse-all').addEventListener('click',function(){all(false);});
      var scores=document.getElementById('show-scores');
      if(scores)scores.addEventListener('change',function(e){document.body.classList.toggle('show-scores',e.target.checked);});
      document.getElementById('show-disabled').addEventListener('change',function(e){document.body.classList.toggle('hide-disabled',!e.target.checked);});
      var search=document.getElementById('search');
      search.addEventListener('input',function(){
        var q=search.value.trim().toLowerCase(),cells=document.querySelectorAll('.cell'),n=0;
        for(var i=0;i<cells.length;i++){
          var c=cells[i],hit=q&&((text(c,'id')+' '+text(c,'name')+' '+text(c,'comment')).toLowerCase().indexOf(q)>=0);
          c.classList.toggle('match',!!hit);c.classList.toggle('dim',!!q&&!hit);if(hit)n++;
          if(hit&&c.classList.contains('sub')){c.parentNode.classList.add('open');c.parentNode.classList.add('all');}
        }
        document.getElementById('hits').textContent=q?n+' match'+(n===1?'':'es'):'';
      });
    })();
    """##
}
