/// The inline stylesheet and script of the HTML heatmap (no network requests).
enum HTMLAssets {
    static let css = ##"""
    body{font-family:Helvetica,Arial,sans-serif;margin:12px;color:#222;background:#fff}
    h1{font-size:20px;margin:0 0 4px}
    .sub-title{font-size:12px;color:#555;margin-bottom:8px}
    .controls{display:flex;gap:16px;align-items:center;margin:8px 0;font-size:13px;flex-wrap:wrap}
    .controls input[type=search]{padding:4px 8px;width:260px;font-size:13px}
    .legend{display:flex;gap:12px;flex-wrap:wrap;font-size:12px;margin:6px 0 10px}
    .legend span.sw{display:inline-block;width:14px;height:12px;border:1px solid #888;margin-right:4px;vertical-align:middle}
    .matrix{display:flex;gap:4px;align-items:flex-start;overflow-x:auto}
    .tactic{flex:0 0 142px;min-width:142px}
    .tactic-head{background:#eee;font-weight:bold;font-size:12px;text-align:center;padding:4px 2px;min-height:40px}
    .tactic-head small{display:block;font-weight:normal;color:#555;font-size:10px}
    .cell{font-size:11px;border:1px solid #ddd;margin-top:-1px;padding:3px 14px 3px 4px;min-height:16px;position:relative;cursor:default;line-height:1.25}
    .cell.sub{margin-left:10px;font-size:10.5px}
    .cell.annotated{font-weight:600}
    .cell.disabled{color:#aaa !important;text-decoration:line-through}
    .cell .toggle{position:absolute;right:0;top:0;bottom:0;width:11px;background:#bbb;color:#fff;font-size:10px;text-align:center;cursor:pointer;user-select:none}
    .cell.has-comment{border-bottom:2px solid #e6b800}
    .cell.has-links{border-right:2px solid #3b7dd8}
    .subs{display:none}
    .subs.open,body.all-subs .subs{display:block}
    body.hide-disabled .cell.disabled{display:none}
    .dim{opacity:.25}
    .match{outline:2px solid #0050d0;outline-offset:-2px}
    #tooltip{position:fixed;display:none;max-width:420px;background:#fffff0;border:1px solid #999;box-shadow:2px 2px 6px rgba(0,0,0,.25);padding:8px;font-size:12px;z-index:10;pointer-events:none;white-space:pre-wrap}
    #tooltip b{display:block;margin-bottom:4px}
    #tooltip .meta{color:#333;margin-top:4px}
    #tooltip .links{color:#0645ad;margin-top:4px}
    @media print{.controls{display:none}}
    """##

    static let script = ##"""
    (function(){
      var tip=document.getElementById('tooltip');
      function text(el,name){return el.getAttribute('data-'+name)||'';}
      document.addEventListener('mouseover',function(e){
        var c=e.target.closest&&e.target.closest('.cell');
        if(!c){tip.style.display='none';return;}
        tip.textContent='';
        var b=document.createElement('b');b.textContent=text(c,'id')+' '+text(c,'name');tip.appendChild(b);
        if(text(c,'score')){tip.appendChild(document.createTextNode('Score: '+text(c,'score')+'\n'));}
        if(text(c,'comment')){tip.appendChild(document.createTextNode(text(c,'comment')));}
        if(text(c,'meta')){var m=document.createElement('div');m.className='meta';m.textContent=text(c,'meta');tip.appendChild(m);}
        if(text(c,'links')){var l=document.createElement('div');l.className='links';l.textContent=text(c,'links');tip.appendChild(l);}
        tip.style.display='block';
      });
      document.addEventListener('mousemove',function(e){
        if(tip.style.display!=='block')return;
        var x=e.clientX+14,y=e.clientY+14,w=tip.offsetWidth,h=tip.offsetHeight;
        if(x+w>window.innerWidth)x=Math.max(0,e.clientX-w-14);
        if(y+h>window.innerHeight)y=Math.max(0,e.clientY-h-14);
        tip.style.left=x+'px';tip.style.top=y+'px';
      });
      document.addEventListener('click',function(e){
        var t=e.target.closest&&e.target.closest('.toggle');
        if(!t)return;
        var subs=t.parentNode.nextElementSibling;
        if(subs&&subs.classList.contains('subs')){subs.classList.toggle('open');t.textContent=subs.classList.contains('open')?'\u2212':'+';}
      });
      document.getElementById('show-subs').addEventListener('change',function(e){document.body.classList.toggle('all-subs',e.target.checked);});
      document.getElementById('show-disabled').addEventListener('change',function(e){document.body.classList.toggle('hide-disabled',!e.target.checked);});
      var search=document.getElementById('search');
      search.addEventListener('input',function(){
        var q=search.value.trim().toLowerCase(),cells=document.querySelectorAll('.cell'),n=0;
        for(var i=0;i<cells.length;i++){
          var c=cells[i],hit=q&&((text(c,'id')+' '+text(c,'name')+' '+text(c,'comment')).toLowerCase().indexOf(q)>=0);
          c.classList.toggle('match',!!hit);c.classList.toggle('dim',!!q&&!hit);if(hit)n++;
          if(hit&&c.classList.contains('sub')){c.parentNode.classList.add('open');}
        }
        document.getElementById('hits').textContent=q?n+' match'+(n===1?'':'es'):'';
      });
    })();
    """##
}
